package dev.mainstay.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedStatementsTest {
    @TempDir
    Path dir;
    Connection connection;
    final CachedStatements statements = new CachedStatements();
    StatementContext context;

    @BeforeEach
    void open() throws Exception {
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
        try (var create = connection.createStatement()) {
            create.execute("CREATE TABLE t (n INTEGER)");
        }
        context = Jdbi.create(() -> connection).open().createQuery("SELECT 1").getContext();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void aStatementIsPreparedOnceAndReusedOnceGivenBack() throws Exception {
        var first = statements.create(connection, "INSERT INTO t (n) VALUES (?)", context);
        first.setInt(1, 1);
        first.execute();
        statements.close(connection, "INSERT INTO t (n) VALUES (:n)", first); // JDBI names the SQL as written

        var again = statements.create(connection, "INSERT INTO t (n) VALUES (?)", context);
        again.setInt(1, 2);
        again.execute();

        assertThat(again).isSameAs(first);
        assertThat(first.isClosed()).isFalse();
        try (var sum = connection.createStatement(); var rows = sum.executeQuery("SELECT SUM(n) FROM t")) {
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void theSameSqlWhileItsStatementIsInUseGetsOneOfItsOwnClosedAfterUse() throws Exception {
        var outer = statements.create(connection, "SELECT n FROM t", context);
        var nested = statements.create(connection, "SELECT n FROM t", context);

        assertThat(nested).isNotSameAs(outer);
        statements.close(connection, "SELECT n FROM t", nested);
        statements.close(connection, "SELECT n FROM t", outer);
        assertThat(nested.isClosed()).isTrue();
        assertThat(outer.isClosed()).isFalse();
    }

    @Test
    void beyondItsSizeTheLeastRecentlyUsedStatementIsClosed() throws Exception {
        var oldest = statements.create(connection, "SELECT 0", context);
        statements.close(connection, "SELECT 0", oldest);
        for (int i = 1; i <= CachedStatements.MAX; i++) {
            var sql = "SELECT " + i;
            statements.close(connection, sql, statements.create(connection, sql, context));
        }

        assertThat(oldest.isClosed()).isTrue();
    }
}
