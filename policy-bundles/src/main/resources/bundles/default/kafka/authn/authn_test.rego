package kafka.authn_test

import data.kafka.authn

sasl_ssl := {"listener": "SASL_SSL", "securityProtocol": "SASL_SSL", "client": {"address": "10.0.0.7"}}

sasl_plaintext := {"listener": "SASL_PLAINTEXT", "securityProtocol": "SASL_PLAINTEXT", "client": {"address": "10.0.0.7"}}

test_plain_over_tls_allowed if {
	authn.allow with input as object.union(sasl_ssl, {"mechanism": "PLAIN", "user": "alice"})
}

test_plain_without_tls_denied if {
	not authn.allow with input as object.union(sasl_plaintext, {"mechanism": "PLAIN", "user": "alice"})
}

test_plain_denied_even_when_listed_without_tls if {
	not authn.allow with input as object.union(sasl_plaintext, {"mechanism": "PLAIN", "user": "alice"})
		with data.kafka.authn.listeners as {"SASL_PLAINTEXT": {"mechanisms": ["PLAIN"]}}
}

test_scram_without_tls_allowed if {
	authn.allow with input as object.union(sasl_plaintext, {"mechanism": "SCRAM-SHA-512", "user": "bob"})
}

test_unlisted_mechanism_denied if {
	not authn.allow with input as object.union(sasl_plaintext, {"mechanism": "GSSAPI", "user": "bob"})
}

test_unknown_listener_denied if {
	not authn.allow with input as {"listener": "OTHER", "securityProtocol": "SASL_SSL", "mechanism": "SCRAM-SHA-512", "user": "bob"}
}

test_certificate_on_ssl_listener_allowed if {
	authn.allow with input as {"listener": "SSL", "securityProtocol": "SSL", "mechanism": "", "user": "CN=app", "tls": {"peerPrincipal": "CN=app"}}
}

test_plaintext_listener_denied if {
	not authn.allow with input as {"listener": "PLAINTEXT", "securityProtocol": "PLAINTEXT", "mechanism": "", "user": ""}
}

test_revoked_user_denied if {
	not authn.allow with input as object.union(sasl_ssl, {"mechanism": "OAUTHBEARER", "user": "mallory"})
		with data.kafka.authn.revoked_users as ["mallory"]
}

test_missing_input_denied if {
	not authn.allow
}

test_reasons_name_the_refusing_rules if {
	authn.deny_reasons == {"password_in_clear"} with input as object.union(sasl_plaintext, {"mechanism": "PLAIN", "user": "alice"})
		with data.kafka.authn.listeners as {"SASL_PLAINTEXT": {"mechanisms": ["PLAIN"]}}
	authn.deny_reasons == {"mechanism_not_accepted"} with input as object.union(sasl_plaintext, {"mechanism": "GSSAPI", "user": "bob"})
	authn.deny_reasons == {"revoked"} with input as object.union(sasl_ssl, {"mechanism": "OAUTHBEARER", "user": "mallory"})
		with data.kafka.authn.revoked_users as ["mallory"]
}

test_no_reasons_when_admitted if {
	count(authn.deny_reasons) == 0 with input as object.union(sasl_ssl, {"mechanism": "PLAIN", "user": "alice"})
}
