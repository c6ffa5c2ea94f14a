package dev.servicekit.correlation.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerSmokeTest {
  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @Test
  void roundTrip() throws Exception {
    String topic = KAFKA.createTopic("smoke");
    long t0 = System.nanoTime();
    try (KafkaProducer<String, String> p =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      p.send(new ProducerRecord<>(topic, "k", "v")).get();
    }
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      ConsumerRecords<String, String> r = c.poll(Duration.ofSeconds(10));
      assertThat(r.count()).isEqualTo(1);
    }
    System.out.println("roundtrip ms " + (System.nanoTime() - t0) / 1_000_000);
  }
}
