# Who may connect, decided after the SASL mechanism (or TLS handshake) has verified the client.
# Input: mechanism, user, claims, listener, securityProtocol, client.address, tls
# (see docs/authentication.md). Deny unless a rule allows.

# METADATA
# schemas:
#   - input: schema.authn_input
package kafka.authn

default allow := false

# A client is admitted when its listener accepts its mechanism, a password never crosses the
# network in clear, and the user is not revoked.
allow if {
	mechanism_accepted
	not password_in_clear
	not revoked
}

# The listener's accepted mechanisms, by listener name; "SSL" stands for a TLS client certificate
# and "" for an unauthenticated PLAINTEXT connection.
mechanism_accepted if input.mechanism in listener_mechanisms[input.listener]

mechanism_accepted if {
	input.mechanism == ""
	input.securityProtocol == "SSL"
	"SSL" in listener_mechanisms[input.listener]
}

listener_mechanisms := {name: object.get(l, "mechanisms", []) | some name, l in data.kafka.authn.listeners}

# PLAIN sends the password itself: only over TLS.
password_in_clear if {
	input.mechanism == "PLAIN"
	input.securityProtocol != "SASL_SSL"
}

revoked if input.user in data.kafka.authn.revoked_users

# Why a client is refused, one short name per failed condition: the Regard principal builder logs
# them with each refusal (regard.authn.reasons.ref).
deny_reasons contains "mechanism_not_accepted" if not mechanism_accepted

deny_reasons contains "password_in_clear" if password_in_clear

deny_reasons contains "revoked" if revoked
