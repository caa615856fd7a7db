# Which SASL mechanisms each listener accepts. PLAIN sends the password itself, so it is accepted
# only where TLS protects it, whatever data.kafka.authn.listeners says.
package kafka.authn

default mechanism_allowed := false

mechanism_allowed if {
	input.mechanism in data.kafka.authn.listeners[input.listener].mechanisms
	plain_only_over_tls
}

plain_only_over_tls if input.mechanism != "PLAIN"

plain_only_over_tls if input.securityProtocol == "SASL_SSL"
