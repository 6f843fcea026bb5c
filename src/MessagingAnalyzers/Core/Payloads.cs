using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>Questions about what a message carries: the object serialized into it, file contents.</summary>
    internal static class Payloads
    {
        private const int MaxDepth = 3;

        /// <summary>
        /// The first type matching <paramref name="predicate"/> among the payload's own type and the types
        /// serialized into it: <c>JsonSerializer.Serialize(evt)</c>, <c>Serialize&lt;T&gt;(...)</c>,
        /// <c>evt.ToJson()</c>, <c>Encoding.UTF8.GetBytes(...)</c>, through locals initialized in the same function.
        /// With <paramref name="constraintsOfTypeParameters"/>, a type parameter stands for its constraint types (a
        /// generic event bus: <c>Publish&lt;T&gt;(T evt) where T : IIntegrationEvent</c>), interfaces included.
        /// </summary>
        public static ITypeSymbol? FindSerializedType(IOperation? value, Func<ITypeSymbol, bool> predicate, bool constraintsOfTypeParameters = false) =>
            FindSerializedType(value, predicate, constraintsOfTypeParameters, 0);

        private static ITypeSymbol? FindSerializedType(IOperation? value, Func<ITypeSymbol, bool> predicate, bool constraints, int depth)
        {
            if (value is null || depth > MaxDepth)
            {
                return null;
            }

            value = value.SkipConversions();
            if (Matching(value.Type, predicate, constraints) is { } type)
            {
                return type;
            }

            switch (value)
            {
                case IInvocationOperation invocation:
                    foreach (var typeArgument in invocation.TargetMethod.TypeArguments)
                    {
                        if (Matching(typeArgument, predicate, constraints) is { } argumentType)
                        {
                            return argumentType;
                        }
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        var found = FindSerializedType(argument.Value, predicate, constraints, depth + 1);
                        if (found is not null)
                        {
                            return found;
                        }
                    }

                    return FindSerializedType(invocation.Instance, predicate, constraints, depth + 1);

                case IAwaitOperation awaited:
                    return FindSerializedType(awaited.Operation, predicate, constraints, depth + 1);

                case ILocalReferenceOperation local:
                    return FindSerializedType(Operations.GetLocalInitializer(value.GetFunctionRoot(), local.Local), predicate, constraints, depth + 1);

                default:
                    return null;
            }
        }

        /// <summary><paramref name="type"/> if it is a user type matching the predicate; or, for a type parameter, its first such constraint type.</summary>
        private static ITypeSymbol? Matching(ITypeSymbol? type, Func<ITypeSymbol, bool> predicate, bool constraints)
        {
            if (type is null)
            {
                return null;
            }

            if (IsUserType(type))
            {
                return predicate(type) ? type : null;
            }

            if (constraints && type is ITypeParameterSymbol parameter)
            {
                foreach (var constraint in parameter.ConstraintTypes)
                {
                    if ((IsUserType(constraint) || (constraint is INamedTypeSymbol { TypeKind: TypeKind.Interface } contract && IsUserNamespace(contract)))
                        && predicate(constraint))
                    {
                        return constraint;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The value is the contents of a file: <c>File.ReadAllBytes/ReadAllText(Async)</c>, or
        /// <c>MemoryStream.ToArray()</c> of a stream filled with <c>CopyTo(Async)</c> (through locals and awaits).
        /// </summary>
        public static bool IsFileContents(IOperation? value) => IsFileContents(value, 0);

        private static bool IsFileContents(IOperation? value, int depth)
        {
            if (value is null || depth > MaxDepth)
            {
                return false;
            }

            value = value.SkipConversions();
            switch (value)
            {
                case IAwaitOperation awaited:
                    return IsFileContents(awaited.Operation, depth + 1);

                case IInvocationOperation { TargetMethod: { Name: "ReadAllBytes" or "ReadAllText" or "ReadAllBytesAsync" or "ReadAllTextAsync", ContainingType.Name: "File" } } read:
                    return Symbols.IsNamespace(read.TargetMethod.ContainingNamespace, "System.IO");

                case IInvocationOperation { TargetMethod.Name: "ToArray" or "GetBuffer", Instance: ILocalReferenceOperation stream }
                    when stream.Type?.Name == "MemoryStream":
                    foreach (var op in value.GetFunctionRoot().DescendantsInSameFunction())
                    {
                        if (op is IInvocationOperation { TargetMethod.Name: "CopyTo" or "CopyToAsync" } copy)
                        {
                            foreach (var argument in copy.Arguments)
                            {
                                if (argument.Value.SkipConversions() is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, stream.Local))
                                {
                                    return true;
                                }
                            }
                        }
                    }

                    return false;

                case ILocalReferenceOperation local:
                    return IsFileContents(Operations.GetLocalInitializer(value.GetFunctionRoot(), local.Local), depth + 1);

                default:
                    return false;
            }
        }

        /// <summary>A type declared by the user (not System.*, not a client library type, not a primitive).</summary>
        public static bool IsUserType(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named || named.SpecialType != SpecialType.None)
            {
                return false;
            }

            return IsUserNamespace(named);
        }

        /// <summary>Declared outside System, the client libraries, Microsoft.* and Newtonsoft.</summary>
        private static bool IsUserNamespace(INamedTypeSymbol type)
        {
            var root = Symbols.RootNamespace(type.ContainingNamespace, out var depth);
            return !(root == "System" || (depth > 1 && root is "StackExchange" or "Confluent" or "Microsoft" or "Newtonsoft"));
        }
    }
}
