package dev.sio4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The starter on the servlet stack with Jetty 12 ({@code spring-boot-starter-jetty}, Spring Boot's Jetty and
 * Servlet 6.1): REST and Socket.IO on one random port, and the official npm client through the annotated
 * controllers, with acknowledgements and the Spring Security principal, over polling, WebSocket and an upgrade.
 * Tagged {@code jetty}: only the surefire execution whose class path has Jetty and no Tomcat runs it.
 */
@Tag("jetty")
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JettyStackTest {
  @LocalServerPort
  int port;

  @Autowired
  WebServerApplicationContext context;

  @Autowired
  ServletContext servletContext;

  @Test
  void restAndSocketIoShareJettysPort() throws Exception {
    // Spring Boot's Jetty, as its BOM picks it (Jetty 12.1, ee11: Servlet 6.1), not the project's pinned Jetty.
    assertTrue(context.getWebServer().getClass().getSimpleName().startsWith("Jetty"),
        context.getWebServer().getClass().getName());
    assertTrue(servletContext.getServerInfo().startsWith("jetty/12."), servletContext.getServerInfo());
    assertEquals("6.1", servletContext.getMajorVersion() + "." + servletContext.getMinorVersion());
    OnePort.assertRestSocketIoAndClientFile(port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "upgrade"})
  void annotatedHandlersAnswerTheOfficialClientWithAcks(String mode) throws Exception {
    OnePort.assertEvents(port, mode, OnePort.BASIC_ADA, "ada");
  }
}
