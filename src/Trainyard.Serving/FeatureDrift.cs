using System.Text.Json;
using Trainyard.Runtime.Drift;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Serving;

/// <summary>
/// Per-feature drift (PSI) of the most recent requests against the training data's profile from the package. Bins
/// come from the profile alone: a numeric column's reference deciles as ValidateData bins them (see
/// <see cref="ColumnDriftBins"/>), so both report the same PSI for the same rows; a categorical
/// column's training categories plus one "unseen" bin, a boolean's false/true. Each column keeps a ring of the last
/// <c>window</c> non-missing values' bins, so a scrape computes PSI from counts without touching requests.
/// </summary>
internal sealed class FeatureDrift
{
    /// <summary>Values each side needs before a column is judged (<see cref="DriftSample.Minimum"/>, as ValidateData's default).</summary>
    public const int MinimumSample = DriftSample.Minimum;
    readonly ColumnWindow[] _columns;
    readonly Lock _lock = new(); // one for all the windows: a row is recorded under one lock, not one per column

    public FeatureDrift(ServedModel model, ServingOptions options)
    {
        Featurizer = model.Featurizer;
        _columns = new ColumnWindow[Featurizer.Columns.Count];
        if (!model.Package.Files.TryGetValue(PackageFiles.Profile, out var profile)) return;
        using var document = JsonDocument.Parse(profile);
        foreach (var column in document.RootElement.GetProperty("columns").EnumerateArray())
        {
            var index = Featurizer.IndexOf(column.GetProperty("name").GetString()!);
            if (index >= 0 && ColumnDriftBins.FromProfile(Featurizer, index, column) is { } bins)
                _columns[index] = new ColumnWindow(Featurizer.Columns[index].Name, bins, options.DriftWindow, ReferenceValues(column));
        }
    }

    Featurizer Featurizer { get; }

    /// <summary>The training data's non-missing values of a profiled column.</summary>
    static long ReferenceValues(JsonElement column) =>
        column.TryGetProperty("count", out var count) && column.TryGetProperty("missing", out var missing) ? count.GetInt64() - missing.GetInt64() : 0;

    /// <summary>Adds one encoded row (the featurizer's output) to each column's window.</summary>
    public void Record(ReadOnlySpan<float> features)
    {
        Span<int> bins = stackalloc int[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
            bins[c] = _columns[c] is { } window ? window.Bins.BinOf(features.Slice(Featurizer.OffsetOf(c), Featurizer.WidthOf(c))) : -1;
        lock (_lock)
            for (var c = 0; c < _columns.Length; c++)
                if (bins[c] >= 0) _columns[c].Add(bins[c]);
    }

    /// <summary>
    /// Each profiled column's PSI over its current window and the window's size; the PSI is null (not judged) until
    /// both the window and the training data hold <see cref="MinimumSample"/> values.
    /// </summary>
    public IEnumerable<(string Column, double? Psi, int Values)> Measure()
    {
        foreach (var window in _columns)
        {
            if (window is null) continue;
            int[] counts;
            int total;
            lock (_lock) (counts, total) = ((int[])window.Counts.Clone(), window.Filled);
            if (!DriftSample.Enough(window.ReferenceValues, total))
            {
                yield return (window.Column, null, total);
                continue;
            }
            var shares = new double[counts.Length]; // a scrape, not a request: allocating here is fine
            for (var i = 0; i < counts.Length; i++) shares[i] = counts[i] / (double)total;
            yield return (window.Column, Psi.FromShares(window.Bins.ReferenceShares, shares), total);
        }
    }

    /// <summary>One column's last values' bins and the count in each; not thread-safe (the caller holds the drift's lock).</summary>
    sealed class ColumnWindow(string column, ColumnDriftBins bins, int size, long referenceValues)
    {
        readonly int[] _ring = new int[size];
        int _next;

        public string Column => column;
        public ColumnDriftBins Bins => bins;
        public long ReferenceValues => referenceValues;
        public int[] Counts { get; } = new int[bins.ReferenceShares.Length];
        public int Filled { get; private set; }

        public void Add(int bin)
        {
            if (Filled == _ring.Length) Counts[_ring[_next]]--;
            else Filled++;
            _ring[_next] = bin;
            Counts[bin]++;
            _next = (_next + 1) % _ring.Length;
        }
    }
}
