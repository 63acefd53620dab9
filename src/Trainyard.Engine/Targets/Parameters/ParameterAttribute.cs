namespace Trainyard.Targets;

/// <summary>
/// Marks a build member as a parameter, set from <c>--member-name</c>, the environment variable
/// <c>TRAINYARD_MEMBER_NAME</c>, or the committed <c>.trainyard/parameters.json</c>, in that order.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    public string Description { get; } = description;

    /// <summary>Reads this environment variable instead of <c>TRAINYARD_&lt;NAME&gt;</c>.</summary>
    public string? EnvironmentVariable { get; init; }
}

/// <summary>A parameter that is read from the environment only and never printed.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecretAttribute : Attribute;
