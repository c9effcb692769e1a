import Foundation

/// What a price charges, exactly: `price × amount × seconds / multiplier`, in decimal arithmetic
/// (38 significant digits), the formula CloudSigma bills by and every `prices` row is read with.
/// `current_costs` computes the same in SQL in double precision, which is exact to the cent; this
/// is for figures that must match a provider's ledger to its last digit.
public enum PriceFormula {
    /// The charge of `amount` units (MHz, bytes, or 1) over `seconds` at `price` (decimal text) with
    /// `multiplier`; nil when the price is not a decimal number or the multiplier is not positive.
    public static func charge(price: String, amount: Decimal, seconds: Decimal, multiplier: Int64) -> Decimal? {
        guard multiplier > 0, let price = Decimal(string: price, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return price * amount * seconds / Decimal(multiplier)
    }

    /// `value` rounded half up to `places` decimal places (as the CloudSigma ledger writes its amounts: 20).
    public static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }
}
