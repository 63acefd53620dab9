namespace Trainyard.Data.Scanning;

/// <summary>
/// One record's (or id's) hash waiting to be added to a <see cref="DuplicateTracker"/> at the end of a chunk;
/// for ids, where its text sits in the worker's value buffer, to name it in an example.
/// </summary>
internal readonly record struct PendingHash(ulong Hash, long Line, int ValueStart, int ValueLength);
