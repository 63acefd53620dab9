namespace Trainyard.Registry;

/// <summary>What garbage collection did: blobs deleted and the bytes they held, blobs kept because a tag reaches them.</summary>
internal sealed record GarbageCollection(int Deleted, long BytesFreed, int Kept);
