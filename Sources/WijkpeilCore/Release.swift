/// This release of Wijkpeil: recorded in agendas, so a recomputation can say which version
/// made the original.
public enum Release {
    public static let version = "0.1.0"
}
