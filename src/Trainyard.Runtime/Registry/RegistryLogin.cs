namespace Trainyard.Runtime.Registry;

/// <summary>
/// How to log in to a registry: basic (user and password, also traded for a bearer token when the registry asks) or
/// a ready-made bearer token. The build side fills it from [Secret] parameters, the model server from
/// TRAINYARD_REGISTRY_USERNAME / _PASSWORD / _TOKEN.
/// </summary>
internal record RegistryLogin(string? Username, string? Password, string? Token)
{
    /// <summary>Never the secrets themselves: this record may end up in a message. Sealed, so derived records keep it.</summary>
    public sealed override string ToString() =>
        Token is not null ? "bearer token" : Username is not null ? $"user {Username} with a password" : "anonymous";
}
