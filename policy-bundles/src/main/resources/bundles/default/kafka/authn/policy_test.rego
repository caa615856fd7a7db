package kafka.authn_test

import data.kafka.authn

test_mechanisms_follow_the_listener if {
	authn.mechanism_allowed with input as {"listener": "SASL_SSL", "securityProtocol": "SASL_SSL", "mechanism": "PLAIN"}
	authn.mechanism_allowed with input as {"listener": "SASL_PLAINTEXT", "securityProtocol": "SASL_PLAINTEXT", "mechanism": "SCRAM-SHA-512"}
	not authn.mechanism_allowed with input as {"listener": "SASL_PLAINTEXT", "securityProtocol": "SASL_PLAINTEXT", "mechanism": "OAUTHBEARER"}
	not authn.mechanism_allowed with input as {"listener": "UNKNOWN", "securityProtocol": "SASL_SSL", "mechanism": "PLAIN"}
}

test_plain_never_without_tls if {
	not authn.mechanism_allowed with input as {"listener": "SASL_PLAINTEXT", "securityProtocol": "SASL_PLAINTEXT", "mechanism": "PLAIN"}
		with data.kafka.authn.listeners as {"SASL_PLAINTEXT": {"mechanisms": ["PLAIN"]}}
}
