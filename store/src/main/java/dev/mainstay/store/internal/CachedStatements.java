package dev.mainstay.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The prepared statements of SQLite's one writer connection, kept and reused: sqlite-jdbc compiles a statement's SQL
 * on every {@code prepareStatement}, and the writer runs the same few statements (journal append, events, claim,
 * finish) over and over, each compile under the write lock. Up to {@link #MAX} statements by SQL, least recently
 * used evicted (closed). A statement still in use when its SQL comes again (a nested query) is not shared: that one
 * is prepared and closed as usual, as are statements returning generated keys or updatable result sets.
 *
 * <p>Only for a connection used by one thread at a time (the writer, behind its lock); the statements live as long
 * as the connection, which closes them.
 */
final class CachedStatements implements StatementBuilder {
    static final int MAX = 64;

    private final StatementBuilder plain = new DefaultStatementBuilder();
    private final Set<Statement> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The statements kept. JDBI closes a statement naming its SQL as written, not as prepared: known by identity. */
    private final Set<Statement> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private final LinkedHashMap<String, PreparedStatement> bySql = new LinkedHashMap<>(MAX * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= MAX || inUse.contains(eldest.getValue())) {
                return false;
            }
            kept.remove(eldest.getValue());
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    @Override
    public synchronized Statement create(Connection connection, StatementContext context) throws SQLException {
        return plain.create(connection, context);
    }

    @Override
    public synchronized PreparedStatement create(Connection connection, String sql, StatementContext context)
            throws SQLException {
        if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
            return plain.create(connection, sql, context);
        }
        var cached = bySql.get(sql);
        if (cached != null && !cached.isClosed()) {
            if (inUse.contains(cached)) {
                return plain.create(connection, sql, context);
            }
            inUse.add(cached);
            return cached;
        }
        var prepared = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        inUse.add(prepared);
        kept.add(prepared);
        var replaced = bySql.put(sql, prepared);
        if (replaced != null) {
            kept.remove(replaced);
        }
        return prepared;
    }

    @Override
    public synchronized java.sql.CallableStatement createCall(Connection connection, String sql,
            StatementContext context) throws SQLException {
        return plain.createCall(connection, sql, context);
    }

    @Override
    public synchronized void close(Connection connection, String sql, Statement statement) throws SQLException {
        if (inUse.remove(statement) && kept.contains(statement)) {
            var prepared = (PreparedStatement) statement;
            prepared.clearParameters();
            prepared.clearBatch();
            return;
        }
        statement.close();
    }

    /** A handle on the connection closes: the statements stay, for the connection's next handle. */
    @Override
    public void close(Connection connection) {}

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // evicted: nothing else uses it
        }
    }
}
