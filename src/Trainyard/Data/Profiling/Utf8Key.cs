using System.Text;

namespace Trainyard.Data.Profiling;

/// <summary>A field's UTF-8 bytes with their <see cref="FieldHash"/>, stored as a dictionary key (one allocation per new value).</summary>
internal sealed class Utf8Key(byte[] bytes, ulong hash)
{
    public byte[] Bytes { get; } = bytes;
    public ulong Hash { get; } = hash;
    public override string ToString() => Encoding.UTF8.GetString(Bytes);
}

/// <summary>A field being looked up: its bytes in the scan's buffer and the hash computed once per field.</summary>
internal readonly ref struct HashedField(ReadOnlySpan<byte> bytes, ulong hash)
{
    public ReadOnlySpan<byte> Bytes { get; } = bytes;
    public ulong Hash { get; } = hash;

    public static HashedField Of(ReadOnlySpan<byte> bytes) => new(bytes, FieldHash.Of(bytes));
}

/// <summary>
/// Lets dictionaries of <see cref="Utf8Key"/> be probed with a <see cref="HashedField"/> (.NET's alternate lookup),
/// so a value already seen costs no allocation and no second hash.
/// </summary>
internal sealed class Utf8KeyComparer : IEqualityComparer<Utf8Key>, IAlternateEqualityComparer<HashedField, Utf8Key>
{
    public static Utf8KeyComparer Instance { get; } = new();

    public bool Equals(Utf8Key? x, Utf8Key? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Hash == y.Hash && x.Bytes.AsSpan().SequenceEqual(y.Bytes));

    public int GetHashCode(Utf8Key key) => (int)key.Hash;

    public bool Equals(HashedField field, Utf8Key key) => field.Hash == key.Hash && field.Bytes.SequenceEqual(key.Bytes);

    public int GetHashCode(HashedField field) => (int)field.Hash;

    public Utf8Key Create(HashedField field) => new(field.Bytes.ToArray(), field.Hash);
}
