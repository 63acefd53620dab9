using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;
using Trainyard.Data.Scanning;
using Trainyard.IO;
using Trainyard.Pipelines;

namespace Trainyard.Data.Validation;

/// <summary>One streaming scan of a pipeline's data file into column profilers, with or without a schema to check.</summary>
internal static class ProfileScan
{
    public static Task<ScanResult> RunAsync(PipelineSpec spec, string root, DatasetSchema? schema, string? idColumn,
        ProfileOptions options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var shown = RepositoryPath.Shown(root, spec.Data.Path);
        var format = CsvFormat.Default with { Delimiter = (byte)spec.Data.Delimiter };
        var scanOptions = ScanOptions.Default with
        {
            IdColumn = idColumn,
            DetectDuplicateRows = spec.Validation.DuplicateRows.Severity != CheckSeverity.Off,
        };
        return DataScan.RunAsync(shown, format, (_, name) => new ColumnAccumulator(name, schema?.Find(name), options),
            scanOptions, progress, cancellationToken);
    }
}
