/// The channel of a touchpoint: how the customer and the organisation meet at a step.
///
/// The built-in channels cover the usual cases; a blueprint may declare more in
/// ``Blueprint/channels`` and refer to them by id.
public struct Channel: RawRepresentable, Sendable, Hashable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The channel's id as written in files, e.g. `phone` or `in-person`.
    public var rawValue: String
    /// Creates a channel from its id.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a channel from a string literal, e.g. `"whatsapp"`.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// A telephone call or hotline.
    public static let phone: Channel = "phone"
    /// Live chat or messaging.
    public static let chat: Channel = "chat"
    /// Email.
    public static let email: Channel = "email"
    /// A web site or web form.
    public static let web: Channel = "web"
    /// A mobile app.
    public static let app: Channel = "app"
    /// Face to face, at a counter, desk or the customer's home.
    public static let inPerson: Channel = "in-person"
    /// A self-service kiosk or terminal.
    public static let kiosk: Channel = "kiosk"
    /// Social media.
    public static let social: Channel = "social"
    /// A letter or parcel by post.
    public static let letter: Channel = "letter"
    /// A text message.
    public static let sms: Channel = "sms"

    /// The channels every blueprint knows without declaring them.
    public static let builtIn: [Channel] = [.phone, .chat, .email, .web, .app, .inPerson, .kiosk, .social, .letter, .sms]

    /// `true` when the channel is one of ``builtIn``.
    public var isBuiltIn: Bool { Channel.builtIn.contains(self) }

    /// Encodes as the plain id string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    /// Decodes from the plain id string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    /// Orders channels by id.
    public static func < (lhs: Channel, rhs: Channel) -> Bool { lhs.rawValue < rhs.rawValue }
    /// The channel id.
    public var description: String { rawValue }
}

/// A channel that a blueprint declares beyond the built-in ones, with an optional response commitment.
public struct ChannelDefinition: Sendable, Hashable, Identifiable {
    /// The id steps use in `channel:`.
    public var id: String
    /// A display name, e.g. "WhatsApp Business".
    public var title: String?
    /// The response time the organisation commits to on this channel (e.g. chat answered within 2 min).
    public var responseCommitment: BlueprintDuration?

    /// Creates a channel definition.
    public init(id: String, title: String? = nil, responseCommitment: BlueprintDuration? = nil) {
        self.id = id
        self.title = title
        self.responseCommitment = responseCommitment
    }

    /// The channel this definition declares.
    public var channel: Channel { Channel(rawValue: id) }
}
