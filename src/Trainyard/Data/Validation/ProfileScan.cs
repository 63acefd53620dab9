using Trainyard.Data.Files;
using Trainyard.Data.Profiling;
using Trainyard.Data.Scanning;
using Trainyard.Pipelines;

namespace Trainyard.Data.Validation;

/// <summary>One streaming scan of a pipeline's data (its files, its window) into column profilers, with or without a schema to check.</summary>
internal static class ProfileScan
{
    public static async Task<ScanResult> RunAsync(PipelineSpec spec, string root, DatasetSchema? schema, string? idColumn,
        ProfileOptions options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var source = await DataSource.OpenAsync(spec, root, cancellationToken);
        var scanOptions = ScanOptions.Default with
        {
            IdColumn = idColumn,
            DetectDuplicateRows = spec.Validation.DuplicateRows.Severity != CheckSeverity.Off,
            Window = source.Window,
        };
        return await DataScan.RunAsync(source.Shown, source.Format, (_, name) => new ColumnAccumulator(name, schema?.Find(name), options),
            scanOptions, progress, cancellationToken);
    }
}
