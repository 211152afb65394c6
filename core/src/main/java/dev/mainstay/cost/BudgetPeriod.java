package dev.mainstay.cost;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The period a spending budget covers. Periods are calendar days and months in UTC: every node computes the same
 * {@link #key} for the same instant, so they all count into the same counter.
 */
public enum BudgetPeriod {
    /** A UTC calendar day; key {@code 2026-12-07}. */
    DAILY("daily"),
    /** A UTC calendar month; key {@code 2026-12}. */
    MONTHLY("monthly");

    private final String wire;

    BudgetPeriod(String wire) {
        this.wire = wire;
    }

    /** The stable name, as the API, the CLI and the store spell it. */
    public String wire() {
        return wire;
    }

    /** The period that holds {@code now}: {@code 2026-12-07} for a day, {@code 2026-12} for a month. */
    public String key(Instant now) {
        var day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (this) {
            case DAILY -> day.toString();
            case MONTHLY -> YearMonth.from(day).toString();
        };
    }

    /** @throws IllegalArgumentException for any name but {@code daily} and {@code monthly} */
    public static BudgetPeriod fromWire(String wire) {
        for (var period : values()) {
            if (period.wire.equals(wire)) {
                return period;
            }
        }
        throw new IllegalArgumentException("a budget period is daily or monthly, not '" + wire + "'");
    }
}
