"""Produces one record or reads a topic with kafka-python, for ClientInteropTest.

Usage: kafka_python_client.py produce|consume BOOTSTRAP MECHANISM USER PASSWORD CA_PEM TOPIC [GROUP]
The password is read from the environment variable named by PASSWORD, so it is not on the command
line. Prints PRODUCED, DENIED <error>, or one RECORD <value> line per record read.
"""
import os
import sys

from kafka import KafkaConsumer, KafkaProducer

mode, bootstrap, mechanism, user, password_var, ca, topic = sys.argv[1:8]
common = dict(
    bootstrap_servers=bootstrap,
    security_protocol="SASL_SSL",
    sasl_mechanism=mechanism,
    sasl_plain_username=user,
    sasl_plain_password=os.environ[password_var],
    ssl_cafile=ca,
    request_timeout_ms=20000,
)
try:
    if mode == "produce":
        producer = KafkaProducer(max_block_ms=20000, **common)
        producer.send(topic, b"from-kafka-python").get(timeout=30)
        producer.close(timeout=5)
        print("PRODUCED")
    else:
        consumer = KafkaConsumer(
            topic,
            group_id=sys.argv[8],
            auto_offset_reset="earliest",
            consumer_timeout_ms=15000,
            **common,
        )
        for record in consumer:
            print("RECORD", record.value.decode())
        consumer.close()
except Exception as e:  # the test reads the outcome from the output
    print("DENIED", type(e).__name__, e)
