/// Safe syntax shortenings on the tree (before printing).
struct JSCompressor {
    let scopes: JSScopes

    init(scopes: JSScopes) { self.scopes = scopes }

    mutating func compress(_ program: JSProgram) -> JSProgram {
        program
    }
}
