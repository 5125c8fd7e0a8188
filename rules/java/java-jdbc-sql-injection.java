import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

public class UserRepository {
    private static final String TABLE = "users";
    private final Connection conn;
    private final JdbcTemplate jdbc;

    public UserRepository(Connection conn, JdbcTemplate jdbc) {
        this.conn = conn;
        this.jdbc = jdbc;
    }

    public ResultSet findByEmail(String email) throws SQLException {
        Statement stmt = conn.createStatement();
        // ruleid: java-jdbc-sql-injection
        return stmt.executeQuery("SELECT id, name FROM users WHERE email = '" + email + "'");
    }

    public int rename(long id, String name) throws SQLException {
        String sql = "UPDATE users SET name = '" + name + "' WHERE id = " + id;
        try (Statement stmt = conn.createStatement()) {
            // ruleid: java-jdbc-sql-injection
            return stmt.executeUpdate(sql);
        }
    }

    public List<String> search(String sortColumn) {
        // ruleid: java-jdbc-sql-injection
        return jdbc.queryForList(String.format("SELECT name FROM users ORDER BY %s", sortColumn), String.class);
    }

    public void purge(Statement stmt, String tenant) throws SQLException {
        // ruleid: java-jdbc-sql-injection
        stmt.addBatch("DELETE FROM sessions WHERE tenant = '" + tenant + "'");
        stmt.executeBatch();
    }

    public ResultSet findByEmailSafely(String email) throws SQLException {
        // ok: java-jdbc-sql-injection
        PreparedStatement ps = conn.prepareStatement("SELECT id, name FROM users WHERE email = ?");
        ps.setString(1, email);
        return ps.executeQuery();
    }

    public int countAll() throws SQLException {
        Statement stmt = conn.createStatement();
        // ok: java-jdbc-sql-injection
        ResultSet rs = stmt.executeQuery("SELECT COUNT(*) FROM " + TABLE);
        rs.next();
        return rs.getInt(1);
    }

    public List<String> searchSafely(String name) {
        // ok: java-jdbc-sql-injection
        return jdbc.queryForList("SELECT name FROM users WHERE name LIKE ?", String.class, name + "%");
    }

    public void refreshLater(java.util.concurrent.Executor executor, String user) {
        // ok: java-jdbc-sql-injection
        executor.execute(() -> log("refresh select from cache for " + user));
        // ok: java-jdbc-sql-injection
        executor.execute(new Runnable() {
            public void run() {
                log("update from " + user);
            }
        });
    }

    private void log(String s) {
    }
}
