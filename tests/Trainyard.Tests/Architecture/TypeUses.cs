using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Trainyard.Tests.Architecture;

/// <summary>A type something uses: where it lives, or a native library a method calls.</summary>
internal sealed record UsedType(string Assembly, string Namespace, string Name, bool IsNative = false);

/// <summary>One type of a built assembly and everything it uses, its method bodies (IL) included.</summary>
internal sealed record TypeUses(string Assembly, string Namespace, string Name, IReadOnlySet<UsedType> Uses)
{
    /// <summary>Reads every top-level type of the assembly; nested and compiler-generated types (lambdas, async state
    /// machines) count as the type that declares them, since that is where their code was written.</summary>
    public static IReadOnlyList<TypeUses> Read(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var assemblyName = assembly.Name.Name;
        var result = new List<TypeUses>();
        foreach (var type in assembly.MainModule.Types)
        {
            var uses = new HashSet<UsedType>();
            Collect(type, uses);
            var self = Describe(type);
            uses.RemoveWhere(used => used == self);
            result.Add(new TypeUses(assemblyName, type.Namespace, self.Name, uses));
        }
        return result;
    }

    private static void Collect(TypeDefinition type, HashSet<UsedType> uses)
    {
        AddType(type.BaseType, uses);
        foreach (var implemented in type.Interfaces) AddType(implemented.InterfaceType, uses);
        AddAttributes(type, uses);
        AddGenericParameters(type, uses);
        foreach (var field in type.Fields) { AddType(field.FieldType, uses); AddAttributes(field, uses); }
        foreach (var property in type.Properties) { AddType(property.PropertyType, uses); AddAttributes(property, uses); }
        foreach (var @event in type.Events) AddType(@event.EventType, uses);
        foreach (var method in type.Methods) AddMethod(method, uses);
        foreach (var nested in type.NestedTypes) Collect(nested, uses);
    }

    private static void AddMethod(MethodDefinition method, HashSet<UsedType> uses)
    {
        AddType(method.ReturnType, uses);
        foreach (var parameter in method.Parameters) { AddType(parameter.ParameterType, uses); AddAttributes(parameter, uses); }
        AddAttributes(method, uses);
        AddGenericParameters(method, uses);
        if (method.HasPInvokeInfo)
            uses.Add(new UsedType("", "", $"native library {method.PInvokeInfo.Module.Name} ({method.PInvokeInfo.EntryPoint ?? method.Name})", IsNative: true));
        if (method.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == "System.Runtime.InteropServices.LibraryImportAttribute") is { } import)
            uses.Add(new UsedType("", "", $"native library {import.ConstructorArguments[0].Value} ({method.Name})", IsNative: true));
        if (!method.HasBody) return;
        foreach (var variable in method.Body.Variables) AddType(variable.VariableType, uses);
        foreach (var handler in method.Body.ExceptionHandlers) AddType(handler.CatchType, uses);
        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference used: AddType(used, uses); break;
                case MethodReference called: AddMethodReference(called, uses); break;
                case FieldReference field: AddType(field.DeclaringType, uses); AddType(field.FieldType, uses); break;
                case CallSite site:
                    AddType(site.ReturnType, uses);
                    foreach (var parameter in site.Parameters) AddType(parameter.ParameterType, uses);
                    break;
            }
        }
    }

    private static void AddMethodReference(MethodReference method, HashSet<UsedType> uses)
    {
        AddType(method.DeclaringType, uses);
        AddType(method.ReturnType, uses);
        foreach (var parameter in method.Parameters) AddType(parameter.ParameterType, uses);
        if (method is GenericInstanceMethod generic)
            foreach (var argument in generic.GenericArguments) AddType(argument, uses);
    }

    private static void AddAttributes(ICustomAttributeProvider provider, HashSet<UsedType> uses)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            AddType(attribute.AttributeType, uses);
            // typeof(X) in an attribute argument is a use of X too.
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                if (argument.Value is TypeReference typeArgument) AddType(typeArgument, uses);
        }
    }

    private static void AddGenericParameters(IGenericParameterProvider provider, HashSet<UsedType> uses)
    {
        foreach (var parameter in provider.GenericParameters)
            foreach (var constraint in parameter.Constraints) AddType(constraint.ConstraintType, uses);
    }

    private static void AddType(TypeReference? type, HashSet<UsedType> uses)
    {
        switch (type)
        {
            case null or GenericParameter: return;
            case GenericInstanceType generic:
                AddType(generic.ElementType, uses);
                foreach (var argument in generic.GenericArguments) AddType(argument, uses);
                return;
            case IModifierType modified:
                AddType(modified.ModifierType, uses);
                AddType(((TypeSpecification)type).ElementType, uses);
                return;
            case FunctionPointerType pointer:
                AddType(pointer.ReturnType, uses);
                foreach (var parameter in pointer.Parameters) AddType(parameter.ParameterType, uses);
                return;
            case TypeSpecification specification: // arrays, pointers, by-ref, pinned
                AddType(specification.ElementType, uses);
                return;
            default:
                uses.Add(Describe(type));
                return;
        }
    }

    /// <summary>The top-level type a reference names (a nested type is reported as the type it is nested in), with the
    /// assembly the compiler found it in.</summary>
    private static UsedType Describe(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        var assembly = type.Scope switch
        {
            AssemblyNameReference reference => reference.Name,
            ModuleDefinition module => module.Assembly.Name.Name,
            var other => other.Name,
        };
        var name = type.FullName;
        var arity = name.IndexOf('`');
        return new UsedType(assembly, type.Namespace, arity < 0 ? name : name[..arity]);
    }
}
