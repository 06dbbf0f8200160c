/// The groups under one selector in the normaliser's selector map, in the order added.
/// Nearly every selector names one group: that one is kept without an array (a map entry
/// per selector of every rule each made one).
///
///     var list = StyGroupList(a)
///     list.append(b)
///     for g in list { ... }  // a, then b
struct StyGroupList: Sequence {
    let first: StyGroup
    private var rest: [StyGroup] = []

    init(_ first: StyGroup) { self.first = first }

    mutating func append(_ group: StyGroup) { rest.append(group) }

    var count: Int { 1 + rest.count }

    func makeIterator() -> Iterator { Iterator(list: self) }

    struct Iterator: IteratorProtocol {
        let list: StyGroupList
        var index = 0

        mutating func next() -> StyGroup? {
            defer { index += 1 }
            if index == 0 { return list.first }
            return index - 1 < list.rest.count ? list.rest[index - 1] : nil
        }
    }
}
