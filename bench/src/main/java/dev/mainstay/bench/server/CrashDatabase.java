package dev.mainstay.bench.server;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The database both nodes of the crash suite share, and the suite's queries over it. */
record CrashDatabase(String url, String schema) {
    static CrashDatabase postgres(String schema) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return new CrashDatabase("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + schema, schema);
    }

    static CrashDatabase sqlite(Path file) {
        return new CrashDatabase("jdbc:sqlite:" + file, null);
    }

    void drop() throws Exception {
        if (schema != null) {
            try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres")) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    int finished() throws Exception {
        try (var c = DriverManager.getConnection(url); var rows = c.createStatement().executeQuery(
                "SELECT count(*) FROM runs WHERE status NOT IN ('queued', 'running') AND input NOT LIKE '%"
                        + "(idempotency burst)'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    List<String> heldBy(String worker) throws Exception {
        try (var c = DriverManager.getConnection(url);
                var q = c.prepareStatement("SELECT id FROM runs WHERE status = 'running' AND lease_owner = ?")) {
            q.setString(1, worker);
            var ids = new ArrayList<String>();
            try (var rows = q.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    int runsWithInput(String input) throws Exception {
        try (var c = DriverManager.getConnection(url);
                var q = c.prepareStatement("SELECT count(*) FROM runs WHERE input = ?")) {
            q.setString(1, input);
            try (var rows = q.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The last journal sequence number of each of {@code ids} now (0 for a run with no journal yet). */
    java.util.Map<String, Long> journalEnds(List<String> ids) throws Exception {
        var ends = new java.util.HashMap<String, Long>();
        try (var c = DriverManager.getConnection(url); var q = c.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM journal WHERE run_id = ?")) {
            for (var id : ids) {
                q.setString(1, id);
                try (var rows = q.executeQuery()) {
                    ends.put(id, rows.next() ? rows.getLong(1) : 0L);
                }
            }
        }
        return ends;
    }

    /**
     * Of the runs in {@code after} (run id → its last journal sequence number when {@code worker} stopped), those
     * resumed elsewhere: another node appended to the journal past that point, or the run ended.
     */
    List<String> resumedElsewhere(String worker, java.util.Map<String, Long> after) throws Exception {
        var resumed = new ArrayList<String>();
        try (var c = DriverManager.getConnection(url);
                var ended = c.prepareStatement("SELECT status FROM runs WHERE id = ?");
                var appended = c.prepareStatement("SELECT COUNT(*) FROM journal WHERE run_id = ? AND seq > ? "
                        + "AND node IS NOT NULL AND node <> ?")) {
            for (var run : after.entrySet()) {
                ended.setString(1, run.getKey());
                boolean done;
                try (var rows = ended.executeQuery()) {
                    done = rows.next() && !rows.getString(1).equals("queued") && !rows.getString(1).equals("running");
                }
                if (!done) {
                    appended.setString(1, run.getKey());
                    appended.setLong(2, run.getValue());
                    appended.setString(3, worker);
                    try (var rows = appended.executeQuery()) {
                        done = rows.next() && rows.getLong(1) > 0;
                    }
                }
                if (done) {
                    resumed.add(run.getKey());
                }
            }
        }
        return resumed;
    }

    /** Of {@code ids}, those no longer held by {@code worker}: claimed by another, or ended. */
    List<String> movedFrom(String worker, List<String> ids) throws Exception {
        var moved = new ArrayList<String>();
        try (var c = DriverManager.getConnection(url); var q = c.prepareStatement(
                "SELECT status, lease_owner FROM runs WHERE id = ?")) {
            for (var id : ids) {
                q.setString(1, id);
                try (var rows = q.executeQuery()) {
                    if (rows.next()) {
                        var status = rows.getString(1);
                        var owner = rows.getString(2);
                        boolean ended = !status.equals("queued") && !status.equals("running");
                        if (ended || (status.equals("running") && owner != null && !owner.equals(worker))) {
                            moved.add(id);
                        }
                    }
                }
            }
        }
        return moved;
    }

    Counts counts(List<String> accepted) throws Exception {
        try (var c = DriverManager.getConnection(url)) {
            var byStatus = new HashMap<String, Integer>();
            try (var rows = c.createStatement().executeQuery("SELECT status, count(*) FROM runs GROUP BY status")) {
                while (rows.next()) {
                    byStatus.put(rows.getString(1), rows.getInt(2));
                }
            }
            var succeeded = new java.util.HashSet<String>();
            int moved = 0;
            try (var rows = c.createStatement().executeQuery("SELECT id, status, attempts FROM runs")) {
                while (rows.next()) {
                    if (rows.getString(2).equals("succeeded")) {
                        succeeded.add(rows.getString(1));
                    }
                    moved += rows.getInt(3) > 1 ? 1 : 0;
                }
            }
            int lost = (int) accepted.stream().filter(id -> !succeeded.contains(id)).count();
            int writes = scalar(c, "SELECT count(*) FROM note_writes");
            int duplicateNotes = scalar(c, "SELECT count(*) FROM (SELECT title FROM note_writes GROUP BY title "
                    + "HAVING count(*) > 1) d");
            int saveOutcomes = scalar(c, "SELECT count(*) FROM journal WHERE type = 'tool_call' "
                    + "AND payload LIKE '%save_note%'");
            int reconciled = scalar(c, "SELECT count(*) FROM journal WHERE type = 'tool_call' "
                    + "AND payload LIKE '%resolution%:%\"reconciled\"%'");
            int unknown = scalar(c, "SELECT count(*) FROM journal WHERE type = 'tool_call' "
                    + "AND payload LIKE '%resolution%:%\"unknown\"%'");
            int intentsWithoutOutcome = scalar(c, "SELECT count(*) FROM journal i WHERE i.type = 'tool_intent' "
                    + "AND NOT EXISTS (SELECT 1 FROM journal o WHERE o.run_id = i.run_id AND o.type = 'tool_call' "
                    + "AND o.tool_use_id = i.tool_use_id)");
            return new Counts(byStatus, lost, moved, writes, duplicateNotes, saveOutcomes, reconciled, unknown,
                    intentsWithoutOutcome);
        }
    }

    private static int scalar(java.sql.Connection c, String sql) throws Exception {
        try (var rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** What the database says at the end. */
    record Counts(Map<String, Integer> byStatus, int lost, int moved, int noteWrites, int duplicateNotes,
            int saveOutcomes, int reconciled, int unknown, int intentsWithoutOutcome) {}
}
