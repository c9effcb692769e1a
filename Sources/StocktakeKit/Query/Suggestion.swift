/// "Did you mean": the known word closest to a mistyped one.
public enum Suggestion {
    /// The candidate nearest `word` by edit distance (case-insensitive), when it is near enough to be a
    /// typo (at most a third of the word's length, at least 1) or contains the word; nil otherwise.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let typed = Array(word.lowercased())
        guard !typed.isEmpty else { return nil }
        let limit = max(1, typed.count / 3)
        let ranked = candidates.map { ($0, distance(typed, Array($0.lowercased()))) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        if let best = ranked.first, best.1 <= limit { return best.0 }
        return candidates.first { $0.lowercased().contains(word.lowercased()) && word.count >= 3 }
    }

    /// " (did you mean 'x'?)" or nothing, for messages.
    public static func phrase(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
