package dev.mainstay.tools.weather;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A geocoded place. Names come from the geocoding service (untrusted) and are already bounded in length.
 *
 * @param admin1 the first-level region ("Lisbon", "California"), or {@code null}
 * @param country the country, or {@code null}
 */
public record Place(String name, String admin1, String country, BigDecimal latitude, BigDecimal longitude) {
    public Place {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latitude, "latitude");
        Objects.requireNonNull(longitude, "longitude");
    }

    /** "Lisbon, Portugal"; "Springfield, Illinois, United States" when the region adds something. */
    public String label() {
        var label = new StringBuilder(name);
        if (admin1 != null && !admin1.isBlank() && !admin1.equalsIgnoreCase(name)) {
            label.append(", ").append(admin1);
        }
        if (country != null && !country.isBlank()) {
            label.append(", ").append(country);
        }
        return label.toString();
    }
}
