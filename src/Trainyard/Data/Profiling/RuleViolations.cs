namespace Trainyard.Data.Profiling;

/// <summary>The row-level rules a <see cref="ColumnSchema"/> implies.</summary>
internal enum RowRule
{
    /// <summary>The value parses as the declared <see cref="ColumnType"/> (numeric, boolean, datetime).</summary>
    Type,
    /// <summary>A numeric value lies within the declared inclusive Min/Max.</summary>
    Range,
    /// <summary>The value is one of the declared Categories (exact, case-sensitive).</summary>
    Categories,
}

/// <summary>A value that failed a rule and how many rows had it.</summary>
internal sealed record OffendingValue(string Value, long Count);

/// <summary>
/// How one column fared against one rule. <see cref="Checked"/> counts non-missing rows the rule applied to (missing
/// values count toward the null rate only); <see cref="ExampleLines"/> are the smallest failing line numbers;
/// <see cref="OffendingValues"/> the most frequent failing values (exact while the failing values have at most
/// <see cref="ProfileOptions.OffendingValueCap"/> distinct spellings, see <see cref="ValuesComplete"/>).
/// </summary>
internal sealed record RuleViolations(
    string Column,
    RowRule Rule,
    long Checked,
    long Failing,
    IReadOnlyList<long> ExampleLines,
    IReadOnlyList<OffendingValue> OffendingValues,
    bool ValuesComplete)
{
    /// <summary>Share of checked rows that passed, 1 when nothing was checked.</summary>
    public double PassingShare => Checked == 0 ? 1.0 : (double)(Checked - Failing) / Checked;

    /// <summary>Whether the rule holds for at least a share <paramref name="mostly"/> of the checked rows.</summary>
    public bool Holds(double mostly) => PassingShare >= mostly;
}

/// <summary>The running tally behind a <see cref="RuleViolations"/>, mergeable like every accumulator part.</summary>
internal sealed class RuleTally(RowRule rule, ProfileOptions options)
{
    private readonly SmallestLines _lines = new(options.ExampleLines);
    private readonly CategoryCounts _values = new(options.OffendingValueCap);

    public RowRule Rule { get; } = rule;
    public long Checked { get; private set; }
    public long Failing { get; private set; }

    public void Pass() => Checked++;

    public void Pass(long count) => Checked += count;

    public void Fail(HashedField field, long line)
    {
        Checked++;
        Failing++;
        _lines.Add(line);
        _values.Add(field);
    }

    public void Merge(RuleTally other)
    {
        Checked += other.Checked;
        Failing += other.Failing;
        _lines.Merge(other._lines);
        _values.Merge(other._values);
    }

    public RuleViolations ToViolations(string column) => new(
        column, Rule, Checked, Failing, _lines.Lines.ToArray(),
        _values.ByCount().Take(options.TopOffendingValues).Select(static v => new OffendingValue(v.Value, v.Count)).ToArray(),
        _values.IsComplete);
}
