using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Data;

namespace Scrm.App.Features.Dashboards;

/// <summary>
/// The rollup handler's statements for one batch, gathered into one command and run once (ADR 0032). Numbers, days and
/// instants are written into the text as literals — we computed them, and a literal costs SQLite nothing to bind while
/// a named parameter is looked up by name on every execution; strings (region, city, type, …) are parameters, one per
/// distinct value, so a batch naming 上海 forty times binds it once.
/// </summary>
internal sealed class KpiSql
{
    // SQL Server takes at most 2,100 parameters per command; SQLite far more. Past this the command runs and a new one starts.
    private const int MaxParameters = 1000;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly StringBuilder _text = new();

    public KpiSql(bool sqlServer) => SqlServer = sqlServer;

    public bool SqlServer { get; }

    public bool IsEmpty => _text.Length == 0;

    /// <summary>The statement text being built: append a statement, ending it with <c>;</c>.</summary>
    public StringBuilder Text => _text;

    /// <summary>A quoted identifier, as the provider spells it.</summary>
    public string Name(string identifier) => SqlServer ? $"[{identifier}]" : $"\"{identifier}\"";

    /// <summary>Appends one value as SQL: a literal for numbers, days, instants and flags; a shared parameter for text.</summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null: _text.Append("NULL"); break;
            case long n: _text.Append(n.ToString(CultureInfo.InvariantCulture)); break;
            case int n: _text.Append(n.ToString(CultureInfo.InvariantCulture)); break;
            case bool b: _text.Append(b ? '1' : '0'); break;
            // The model's stored forms: day numbers and UTC ticks on SQLite (DayNumberConverter, UtcTicksConverter).
            case DateOnly d when SqlServer: _text.Append('\'').Append(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\''); break;
            case DateOnly d: _text.Append(d.DayNumber.ToString(CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t when SqlServer: _text.Append('\'').Append(t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture)).Append('\''); break;
            case DateTimeOffset t: _text.Append(t.UtcTicks.ToString(CultureInfo.InvariantCulture)); break;
            case string s:
                if (!_strings.TryGetValue(s, out var name)) _strings[s] = name = "@s" + _strings.Count.ToString(CultureInfo.InvariantCulture);
                _text.Append(name);
                break;
            default: throw new ArgumentException($"No SQL form for {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>Runs what was gathered if it nears the parameter limit, so the next statement starts a new command.</summary>
    public async Task FlushIfFullAsync(ScrmDbContext db, CancellationToken ct)
    {
        if (_strings.Count >= MaxParameters) await ExecuteAsync(db, ct);
    }

    /// <summary>Runs every gathered statement as one command, on the write path's connection and in its transaction.</summary>
    public async Task ExecuteAsync(ScrmDbContext db, CancellationToken ct)
    {
        if (IsEmpty) return;
        await using var command = await CommandAsync(db, ct);
        command.CommandText = _text.ToString();
        foreach (var (value, name) in _strings)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        await command.ExecuteNonQueryAsync(ct);
        _text.Clear();
        _strings.Clear();
    }

    /// <summary>A command on the context's connection (opened if need be) and current transaction.</summary>
    public static async Task<DbCommand> CommandAsync(ScrmDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
