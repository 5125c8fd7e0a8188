using System.Collections.Generic;
using System.Data.SqlClient;
using System.Linq;
using Dapper;
using Microsoft.EntityFrameworkCore;

public class UserRepository
{
    private readonly SqlConnection _conn;
    private readonly AppDbContext _db;

    public UserRepository(SqlConnection conn, AppDbContext db)
    {
        _conn = conn;
        _db = db;
    }

    public SqlDataReader FindByEmail(string email)
    {
        // ruleid: csharp-sql-injection
        var cmd = new SqlCommand("SELECT Id, Name FROM Users WHERE Email = '" + email + "'", _conn);
        return cmd.ExecuteReader();
    }

    public int Rename(int id, string name)
    {
        using var cmd = _conn.CreateCommand();
        // ruleid: csharp-sql-injection
        cmd.CommandText = $"UPDATE Users SET Name = '{name}' WHERE Id = {id}";
        return cmd.ExecuteNonQuery();
    }

    public IEnumerable<User> Search(string sort)
    {
        string sql = "SELECT * FROM Users ORDER BY " + sort;
        // ruleid: csharp-sql-injection
        return _conn.Query<User>(sql);
    }

    public List<User> ByRole(string role)
    {
        // ruleid: csharp-sql-injection
        return _db.Users.FromSqlRaw($"SELECT * FROM Users WHERE Role = '{role}'").ToList();
    }

    public SqlDataReader FindByEmailSafely(string email)
    {
        // ok: csharp-sql-injection
        var cmd = new SqlCommand("SELECT Id, Name FROM Users WHERE Email = @email", _conn);
        cmd.Parameters.AddWithValue("@email", email);
        return cmd.ExecuteReader();
    }

    public List<User> ByRoleSafely(string role)
    {
        // ok: csharp-sql-injection
        return _db.Users.FromSqlInterpolated($"SELECT * FROM Users WHERE Role = {role}").ToList();
    }

    public IEnumerable<User> SearchSafely(string name)
    {
        // ok: csharp-sql-injection
        return _conn.Query<User>("SELECT * FROM Users WHERE Name = @Name", new { Name = name });
    }
}
