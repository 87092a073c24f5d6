using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Persistence;

namespace SuperConvergence.Silo.Tests.Persistence;

public sealed class ConnectionStringRedactionTests
{
    [Theory]
    [InlineData("Host=db;Username=sc;Password=secret;Database=sc", "Host=db;Username=sc;Password=***;Database=sc")]
    [InlineData("Host=db;password = secret", "Host=db;password=***")]
    [InlineData("Host=db;Pwd=secret;Database=sc", "Host=db;Pwd=***;Database=sc")]
    [InlineData("Host=db;PSW=secret;Database=sc", "Host=db;PSW=***;Database=sc")]
    [InlineData("Host=db;Password='se;cret';Database=sc", "Host=db;Password=***;Database=sc")]
    [InlineData("Host=db;Password=\"se;cret\";Database=sc", "Host=db;Password=***;Database=sc")]
    [InlineData("postgresql://user:secret@host/db", "postgresql://user:***@host/db")]
    [InlineData("postgres://sc:secret@db.example:5432/sc?sslmode=require", "postgres://sc:***@db.example:5432/sc?sslmode=require")]
    [InlineData("postgresql://user:p@ss:word@host/db", "postgresql://user:***@host/db")]
    [InlineData("postgresql://host/db?user=sc&password=secret&sslmode=require", "postgresql://host/db?user=sc&password=***&sslmode=require")]
    [InlineData("postgresql://host/db?pwd=secret", "postgresql://host/db?pwd=***")]
    public void Every_password_form_is_masked(string connectionString, string masked)
    {
        var redacted = ConnectionStrings.Redact(connectionString);

        Assert.Equal(masked, redacted);
        Assert.DoesNotContain("secret", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("cret", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Username=sc;Database=sc")]
    [InlineData("postgresql://user@host/db")]
    [InlineData("postgresql://host:5432/db?sslmode=require")]
    public void Strings_without_a_password_are_unchanged(string connectionString) =>
        Assert.Equal(connectionString, ConnectionStrings.Redact(connectionString));

    [Theory]
    [InlineData("--postgres: 'postgresql://user:secret@host/db' is not a PostgreSQL connection string", "--postgres: 'postgresql://user:***@host/db' is not a PostgreSQL connection string")]
    [InlineData("cannot open 'Host=db;Password=secret' (refused)", "cannot open 'Host=db;Password=***' (refused)")]
    [InlineData("login with pwd=secret failed", "login with pwd=*** failed")]
    public void A_message_quoting_a_connection_string_is_masked_where_it_appears(string message, string masked) =>
        Assert.Equal(masked, ConnectionStrings.RedactMessage(message));

    [Fact]
    public void Silo_settings_print_their_connection_string_masked()
    {
        var settings = new SiloSettings { Postgres = "postgresql://user:secret@host/db" };

        Assert.DoesNotContain("secret", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("postgresql://user:***@host/db", settings.ToString(), StringComparison.Ordinal);
    }
}
