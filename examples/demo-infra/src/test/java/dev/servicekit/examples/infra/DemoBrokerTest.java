package dev.servicekit.examples.infra;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoBrokerTest {

  @Test
  void carriesMessagesOverTcpOnLoopbackAndFreesItsPortOnClose() throws Exception {
    String url;
    try (DemoBroker broker = DemoBroker.start(0)) {
      url = broker.url();
      assertThat(url).matches("tcp://127\\.0\\.0\\.1:\\d+");
      try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
          JMSContext context = factory.createContext()) {
        context.createProducer().send(context.createQueue("q"), "hello");
        TextMessage received =
            (TextMessage) context.createConsumer(context.createQueue("q")).receive(10_000);
        assertThat(received.getText()).isEqualTo("hello");
      }
    }
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPersistentBrokerKeepsUnconsumedMessagesAcrossARestartOnTheSameDirectory(@TempDir Path dir)
      throws Exception {
    int port;
    try (DemoBroker broker = DemoBroker.start(0, dir)) {
      port = Integer.parseInt(broker.url().substring(broker.url().lastIndexOf(':') + 1));
      try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
          JMSContext context = factory.createContext()) {
        context.createProducer().send(context.createQueue("kept"), "survives");
      }
    }
    try (DemoBroker again = DemoBroker.start(port, dir);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(again.url());
        JMSContext context = factory.createContext()) {
      TextMessage received =
          (TextMessage) context.createConsumer(context.createQueue("kept")).receive(10_000);
      assertThat(received).isNotNull();
      assertThat(received.getText()).isEqualTo("survives");
    }
    assertThat(dir).isNotEmptyDirectory();
  }
}
