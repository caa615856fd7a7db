# The owner-based example policy published with opa-kafka-plugin, ported to Regard. It reads only
# the input fields opa-kafka-plugin sends (input.action, input.requestContext), so it shows that
# such policies run unchanged.
#
# Users are named <owner>-<kind> with kind consumer, producer or mgmt; topics belong to the owner
# whose name they start with. Certificate principals (CN=<owner>-<kind>.<domain>,...) are reduced
# to the part of the CN before the first dot.

# METADATA
# schemas:
#   - input: schema.authz_input
package kafka.authz

default allow := false

# The inter-broker principal on a PLAINTEXT listener.
allow if input.requestContext.principal.name == "ANONYMOUS"

# Brokers authenticated by TLS certificates for localhost.
allow if {
	input.requestContext.securityProtocol == "SSL"
	input.requestContext.principal.principalType == "User"
	username == "localhost"
}

allow if {
	input.action.operation == "READ"
	owns_topic
	kind == "consumer"
}

allow if {
	input.action.operation == "WRITE"
	owns_topic
	kind == "producer"
}

allow if {
	input.action.operation == "CREATE"
	owns_topic
}

allow if {
	input.action.operation in {"READ", "WRITE", "CREATE", "ALTER", "DESCRIBE", "DELETE"}
	owns_topic
	kind == "mgmt"
}

allow if {
	input.action.operation == "READ"
	input.action.resourcePattern.resourceType == "GROUP"
}

allow if input.action.operation == "DESCRIBE"

allow if input.action.operation == "IDEMPOTENT_WRITE"

kinds := {"consumer", "producer", "mgmt"}

kind := k if {
	some k in kinds
	endswith(username, concat("", ["-", k]))
}

owner := trim_suffix(username, concat("", ["-", kind]))

owns_topic if startswith(input.action.resourcePattern.name, owner)

username := cn_first if {
	name := input.requestContext.principal.name
	startswith(name, "CN=")
	cn_first := split(distinguished_name(name).CN, ".")[0]
} else := input.requestContext.principal.name if {
	true
}

distinguished_name(dn) := {key: value |
	some part in split(dn, ",")
	[key, value] := split(part, "=")
}
