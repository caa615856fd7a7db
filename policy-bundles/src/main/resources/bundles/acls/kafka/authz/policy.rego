# Kafka ACLs as policy: decides exactly as Kafka's StandardAuthorizer does over the ACLs in
# data.kafka.acls (written by `regard-acls import`).
#
# An ACL is {"host", "operation", "permission"} under its resource pattern and principal:
#   literal[type][name][principal]    LITERAL patterns; the name "*" matches every resource
#   prefixed[type][prefix][principal] PREFIXED patterns
#   by_principal[type][principal]     the same ACLs with "name" and "pattern", for
#                                     allow_by_resource_type
# so a decision looks up the resource's name, "*" and each prefix of the name, and never scans
# the ACLs. Deny wins; with no ACL on the resource at all the answer is
# allow_everyone_if_no_acl_found. super.users are allowed before this policy is asked (by the
# authorizer, as StandardAuthorizer does); data.kafka.acls.super_users repeats them for engines
# that ask this policy directly.
package kafka.authz

default allow := false

default allow_by_resource_type := false

acls := data.kafka.acls

principal := sprintf("%s:%s", [input.principal.type, input.principal.name])

# The ACL principals that apply: the caller and the wildcard principal.
principals := {principal, "User:*"}

host := input.client.address

super_user if principal in acls.super_users

# ALLOW ACLs for these operations also allow DESCRIBE, or DESCRIBE_CONFIGS.
implied := {
	"DESCRIBE": {"READ", "WRITE", "DELETE", "ALTER"},
	"DESCRIBE_CONFIGS": {"ALTER_CONFIGS"},
}

allow if super_user

allow if {
	input.resource.patternType == "LITERAL"
	result(input.resource.type, input.resource.name, input.operation) == "ALLOWED"
}

# StandardAuthorizer's answer for one resource.
result(type, name, operation) := outcome(patterns(type, name), operation)

# The ACLs by principal of every pattern matching the name: the literal name, the literal
# wildcard and each prefix of the name.
patterns(type, name) := array.concat(
	[by_principal | some n in {name, "*"}; by_principal := acls.literal[type][n]],
	[by_principal |
		count(name) > 0
		some i in numbers.range(1, count(name))
		by_principal := acls.prefixed[type][substring(name, 0, i)]
	],
)

outcome(found, operation) := "DENIED" if {
	some acl in matching(found, operation)
	acl.permission == "DENY"
} else := "ALLOWED" if {
	some acl in matching(found, operation)
	acl.permission == "ALLOW"
} else := "DENIED" if {
	count(found) > 0
} else := "ALLOWED" if {
	acls.allow_everyone_if_no_acl_found == true
} else := "DENIED"

matching(found, operation) := [acl |
	some by_principal in found
	some p in principals
	some acl in by_principal[p]
	host_matches(acl.host)
	operation_matches(acl, operation)
]

host_matches("*")

host_matches(h) if h == host

operation_matches(acl, _) if acl.operation == "ALL"

operation_matches(acl, operation) if acl.operation == operation

operation_matches(acl, operation) if {
	acl.permission == "ALLOW"
	acl.operation in implied[operation]
}

# Kafka's authorizeByResourceType: allowed when the operation is allowed on a resource named
# "hardcode" (which lets wildcard and default allows through), or when some ALLOW ACL for exactly
# this operation (or ALL) is not shadowed by a DENY: a literal deny of the same name, or a
# prefixed deny that is a prefix of the allowed name. A literal wildcard deny denies.
allow_by_resource_type if super_user

allow_by_resource_type if result(input.resource.type, "hardcode", input.operation) == "ALLOWED"

allow_by_resource_type if {
	not "*" in deny_literals
	some acl in type_acls
	acl.permission == "ALLOW"
	unshadowed(acl)
}

type_acls := [acl |
	some p in principals
	some acl in acls.by_principal[input.resource.type][p]
	host_matches(acl.host)
	acl.operation in {input.operation, "ALL"}
]

deny_literals := {acl.name | some acl in type_acls; acl.permission == "DENY"; acl.pattern == "LITERAL"}

deny_prefixes := {acl.name | some acl in type_acls; acl.permission == "DENY"; acl.pattern == "PREFIXED"}

unshadowed(acl) if {
	acl.pattern == "LITERAL"
	acl.name == "*"
}

unshadowed(acl) if {
	acl.pattern == "LITERAL"
	acl.name != "*"
	not acl.name in deny_literals
	not prefix_denied(acl.name)
}

unshadowed(acl) if {
	acl.pattern == "PREFIXED"
	not prefix_denied(acl.name)
}

prefix_denied(name) if {
	some i in numbers.range(1, count(name))
	substring(name, 0, i) in deny_prefixes
}
