namespace Trainyard.Data.Scanning;

/// <summary>How <see cref="DataScan"/> runs. The defaults suit files from kilobytes to far beyond memory.</summary>
internal sealed record ScanOptions
{
    public static ScanOptions Default { get; } = new();

    /// <summary>Worker threads tokenizing chunks; null means <see cref="Environment.ProcessorCount"/>.</summary>
    public int? Workers { get; init; }

    /// <summary>Bytes read per chunk; a chunk grows only as far as needed to hold one whole record.</summary>
    public int ChunkBytes { get; init; } = 1 << 20;

    /// <summary>Chunks read ahead of the workers; null means twice the workers. Bounds memory.</summary>
    public int? QueueCapacity { get; init; }

    /// <summary>Longest record accepted; longer usually means an unterminated quote.</summary>
    public int MaxRecordBytes { get; init; } = 64 << 20;

    public bool DetectDuplicateRows { get; init; } = true;

    /// <summary>Only rows whose time column falls in this window are read (data.window); null reads every row.</summary>
    public RowWindow? Window { get; init; }

    /// <summary>A column whose values should be unique; its repeats are reported.</summary>
    public string? IdColumn { get; init; }

    /// <summary>
    /// Distinct hashes remembered at once per kind of duplicate (16 bytes each, in tables at most half full: about
    /// 32 MB at the default). Counts are exact up to about this many distinct values; beyond it a fixed sample of hash
    /// space is kept and the count is estimated from it, so memory stays flat however large the file.
    /// </summary>
    public long MaxDistinctHashes { get; init; } = 1 << 20;

    /// <summary>Example lines kept per kind of duplicate.</summary>
    public int MaxDuplicateExamples { get; init; } = 10;
}

/// <summary>Rows whose <paramref name="Column"/> is after <paramref name="After"/> and at or before <paramref name="Until"/> (UTC).</summary>
internal sealed record RowWindow(string Column, DateTime After, DateTime Until);
