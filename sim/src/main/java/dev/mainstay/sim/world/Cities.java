package dev.mainstay.sim.world;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The fake geocoder's table: fifty well-known cities with real coordinates, matched like Open-Meteo's geocoding
 * API does: fewer than two characters match nothing, two characters match a whole name exactly, three or more also
 * match the start of a name. Matching ignores case and accents and knows common alternative names ("NYC",
 * "Lisboa", "München"); "Lisbon, Portugal" is read as "Lisbon".
 */
final class Cities {
    private static final List<City> ALL = List.of(
            new City(2960000, "Lisbon", 38.71667, -9.13333, 2.0, "PT", "Portugal", "Lisbon", "Europe/Lisbon", 517802L, List.of("lisboa")),
            new City(2960137, "Porto", 41.14961, -8.61099, 93.0, "PT", "Portugal", "Porto", "Europe/Lisbon", 249633L, List.of("oporto")),
            new City(2960274, "Madrid", 40.4165, -3.70256, 667.0, "ES", "Spain", "Madrid", "Europe/Madrid", 3255944L, List.of()),
            new City(2960411, "Barcelona", 41.38879, 2.15899, 47.0, "ES", "Spain", "Catalonia", "Europe/Madrid", 1620343L, List.of()),
            new City(2960548, "Paris", 48.85341, 2.3488, 42.0, "FR", "France", "Île-de-France", "Europe/Paris", 2138551L, List.of()),
            new City(2960685, "London", 51.50853, -0.12574, 25.0, "GB", "United Kingdom", "England", "Europe/London", 8961989L, List.of()),
            new City(2960822, "Dublin", 53.33306, -6.24889, 17.0, "IE", "Ireland", "Leinster", "Europe/Dublin", 1024027L, List.of()),
            new City(2960959, "Edinburgh", 55.95206, -3.19648, 47.0, "GB", "United Kingdom", "Scotland", "Europe/London", 464990L, List.of()),
            new City(2961096, "Amsterdam", 52.37403, 4.88969, 13.0, "NL", "Netherlands", "North Holland", "Europe/Amsterdam", 741636L, List.of()),
            new City(2961233, "Brussels", 50.85045, 4.34878, 28.0, "BE", "Belgium", "Brussels Capital", "Europe/Brussels", 1019022L, List.of("bruxelles")),
            new City(2961370, "Berlin", 52.52437, 13.41053, 74.0, "DE", "Germany", "Land Berlin", "Europe/Berlin", 3426354L, List.of()),
            new City(2961507, "Munich", 48.13743, 11.57549, 524.0, "DE", "Germany", "Bavaria", "Europe/Berlin", 1260391L, List.of("münchen", "muenchen")),
            new City(2961644, "Zurich", 47.36667, 8.55, 429.0, "CH", "Switzerland", "Zurich", "Europe/Zurich", 341730L, List.of("zürich")),
            new City(2961781, "Vienna", 48.20849, 16.37208, 171.0, "AT", "Austria", "Vienna", "Europe/Vienna", 1691468L, List.of("wien")),
            new City(2961918, "Rome", 41.89193, 12.51133, 20.0, "IT", "Italy", "Lazio", "Europe/Rome", 2318895L, List.of("roma")),
            new City(2962055, "Milan", 45.46427, 9.18951, 122.0, "IT", "Italy", "Lombardy", "Europe/Rome", 1236837L, List.of("milano")),
            new City(2962192, "Athens", 37.98376, 23.72784, 70.0, "GR", "Greece", "Attica", "Europe/Athens", 664046L, List.of("athina")),
            new City(2962329, "Istanbul", 41.01384, 28.94966, 39.0, "TR", "Turkey", "Istanbul", "Europe/Istanbul", 15462452L, List.of()),
            new City(2962466, "Oslo", 59.91273, 10.74609, 26.0, "NO", "Norway", "Oslo", "Europe/Oslo", 580000L, List.of()),
            new City(2962603, "Bergen", 60.39299, 5.32415, 18.0, "NO", "Norway", "Vestland", "Europe/Oslo", 213585L, List.of()),
            new City(2962740, "Stockholm", 59.32938, 18.06871, 22.0, "SE", "Sweden", "Stockholm", "Europe/Stockholm", 1515017L, List.of()),
            new City(2962877, "Copenhagen", 55.67594, 12.56553, 14.0, "DK", "Denmark", "Capital Region", "Europe/Copenhagen", 1153615L, List.of("københavn", "kobenhavn")),
            new City(2963014, "Helsinki", 60.16952, 24.93545, 26.0, "FI", "Finland", "Uusimaa", "Europe/Helsinki", 558457L, List.of()),
            new City(2963151, "Reykjavík", 64.13548, -21.89541, 61.0, "IS", "Iceland", "Capital Region", "Atlantic/Reykjavik", 118918L, List.of()),
            new City(2963288, "Warsaw", 52.22977, 21.01178, 113.0, "PL", "Poland", "Masovia", "Europe/Warsaw", 1702139L, List.of("warszawa")),
            new City(2963425, "Prague", 50.08804, 14.42076, 202.0, "CZ", "Czechia", "Prague", "Europe/Prague", 1165581L, List.of("praha")),
            new City(2963562, "Moscow", 55.75222, 37.61556, 144.0, "RU", "Russia", "Moscow", "Europe/Moscow", 10381222L, List.of("moskva")),
            new City(2963699, "Saint Petersburg", 59.93863, 30.31413, 11.0, "RU", "Russia", "St.-Petersburg", "Europe/Moscow", 5028000L, List.of("st petersburg", "st. petersburg", "sankt peterburg")),
            new City(2963836, "New York", 40.71427, -74.00597, 10.0, "US", "United States", "New York", "America/New_York", 8804190L, List.of("new york city", "nyc")),
            new City(2963973, "San Francisco", 37.77493, -122.41942, 16.0, "US", "United States", "California", "America/Los_Angeles", 864816L, List.of("sf")),
            new City(2964110, "Los Angeles", 34.05223, -118.24368, 89.0, "US", "United States", "California", "America/Los_Angeles", 3971883L, List.of("la")),
            new City(2964247, "Chicago", 41.85003, -87.65005, 179.0, "US", "United States", "Illinois", "America/Chicago", 2746388L, List.of()),
            new City(2964384, "Seattle", 47.60621, -122.33207, 56.0, "US", "United States", "Washington", "America/Los_Angeles", 737015L, List.of()),
            new City(2964521, "Toronto", 43.70643, -79.39864, 175.0, "CA", "Canada", "Ontario", "America/Toronto", 2600000L, List.of()),
            new City(2964658, "Mexico City", 19.42847, -99.12766, 2240.0, "MX", "Mexico", "Mexico City", "America/Mexico_City", 12294193L, List.of("ciudad de mexico")),
            new City(2964795, "São Paulo", -23.5475, -46.63611, 769.0, "BR", "Brazil", "São Paulo", "America/Sao_Paulo", 10021295L, List.of()),
            new City(2964932, "Rio de Janeiro", -22.90642, -43.18223, 5.0, "BR", "Brazil", "Rio de Janeiro", "America/Sao_Paulo", 6023699L, List.of("rio")),
            new City(2965069, "Buenos Aires", -34.61315, -58.37723, 31.0, "AR", "Argentina", "Buenos Aires F.D.", "America/Argentina/Buenos_Aires", 13076300L, List.of()),
            new City(2965206, "Tokyo", 35.6895, 139.69171, 44.0, "JP", "Japan", "Tokyo", "Asia/Tokyo", 9733276L, List.of()),
            new City(2965343, "Seoul", 37.566, 126.9784, 38.0, "KR", "South Korea", "Seoul", "Asia/Seoul", 10349312L, List.of()),
            new City(2965480, "Beijing", 39.9075, 116.39723, 49.0, "CN", "China", "Beijing", "Asia/Shanghai", 18960744L, List.of("peking")),
            new City(2965617, "Singapore", 1.28967, 103.85007, 15.0, "SG", "Singapore", "Central Singapore", "Asia/Singapore", 3547809L, List.of()),
            new City(2965754, "Mumbai", 19.07283, 72.88261, 14.0, "IN", "India", "Maharashtra", "Asia/Kolkata", 12691836L, List.of("bombay")),
            new City(2965891, "Dubai", 25.07725, 55.30927, 5.0, "AE", "United Arab Emirates", "Dubai", "Asia/Dubai", 3790000L, List.of()),
            new City(2966028, "Cairo", 30.06263, 31.24967, 23.0, "EG", "Egypt", "Cairo", "Africa/Cairo", 9606916L, List.of()),
            new City(2966165, "Nairobi", -1.28333, 36.81667, 1661.0, "KE", "Kenya", "Nairobi County", "Africa/Nairobi", 2750547L, List.of()),
            new City(2966302, "Cape Town", -33.92584, 18.42322, 7.0, "ZA", "South Africa", "Western Cape", "Africa/Johannesburg", 3433441L, List.of()),
            new City(2966439, "Sydney", -33.86785, 151.20732, 58.0, "AU", "Australia", "New South Wales", "Australia/Sydney", 4627345L, List.of()),
            new City(2966576, "Melbourne", -37.814, 144.96332, 31.0, "AU", "Australia", "Victoria", "Australia/Melbourne", 4246375L, List.of()),
            new City(2966713, "Auckland", -36.84853, 174.76349, 26.0, "NZ", "New Zealand", "Auckland", "Pacific/Auckland", 417910L, List.of()));

    private Cities() {}

    /** The cities matching {@code name}, exact names first, then by population; at most {@code count}. */
    static List<City> search(String name, int count) {
        var query = Fold.fold(name);
        if (query.length() < 2) {
            return List.of();
        }
        var exact = new ArrayList<City>();
        var prefix = new ArrayList<City>();
        for (var city : ALL) {
            if (matchesExactly(city, query) || name.contains(",") && matchesExactly(city, Fold.fold(name.split(",")[0]))) {
                exact.add(city);
            } else if (query.length() >= 3 && startsWith(city, query)) {
                prefix.add(city);
            }
        }
        var byPopulation = Comparator.comparingLong(City::population).reversed();
        exact.sort(byPopulation);
        prefix.sort(byPopulation);
        exact.addAll(prefix);
        return exact.subList(0, Math.min(count, exact.size()));
    }

    /** The known city within about one degree of the coordinates, if any (the closest when several are). */
    static Optional<City> near(double latitude, double longitude) {
        City best = null;
        double bestDistance = 1.0;
        for (var city : ALL) {
            double distance = Math.hypot(city.latitude() - latitude, city.longitude() - longitude);
            if (distance <= bestDistance) {
                best = city;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean matchesExactly(City city, String query) {
        return Fold.fold(city.name()).equals(query) || city.aliases().stream().map(Fold::fold).anyMatch(query::equals);
    }

    private static boolean startsWith(City city, String query) {
        return Fold.fold(city.name()).startsWith(query)
                || city.aliases().stream().map(Fold::fold).anyMatch(alias -> alias.startsWith(query));
    }
}
