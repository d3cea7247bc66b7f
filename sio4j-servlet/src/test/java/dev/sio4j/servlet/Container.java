package dev.sio4j.servlet;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.testing.binding.BindingStarter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The two Servlet containers the binding is tested in, embedded on 127.0.0.1 and a free port. The application is
 * added the way a web application adds it: by a {@link ServletContainerInitializer} calling
 * {@link SocketIoServlet#register}; {@code extra} servlets (path to servlet) sit beside it.
 */
enum Container {
  TOMCAT {
    @Override
    Running start(ServletContainerInitializer app, Map<String, HttpServlet> extra, int maxThreads) throws Exception {
      Tomcat tomcat = new Tomcat();
      Path base = Files.createTempDirectory("sio4j-tomcat");
      tomcat.setBaseDir(base.toString());
      Connector connector = new Connector();
      connector.setPort(0);
      connector.setProperty("address", "127.0.0.1");
      if (maxThreads > 0) {
        connector.setProperty("maxThreads", Integer.toString(maxThreads));
        connector.setProperty("minSpareThreads", "1");
      }
      tomcat.getService().addConnector(connector);
      tomcat.setConnector(connector);
      Context context = tomcat.addContext("", base.toString());
      context.addServletContainerInitializer(new WsSci(), null);
      context.addServletContainerInitializer(app, null);
      extra.forEach((path, servlet) -> {
        Tomcat.addServlet(context, path, servlet).setAsyncSupported(true);
        context.addServletMappingDecoded(path, path);
      });
      tomcat.start();
      int port = connector.getLocalPort();
      return new Running(port, () -> {
        tomcat.stop();
        tomcat.destroy();
      });
    }
  },
  JETTY {
    @Override
    Running start(ServletContainerInitializer app, Map<String, HttpServlet> extra, int maxThreads) throws Exception {
      QueuedThreadPool pool = maxThreads > 0 ? new QueuedThreadPool(maxThreads, 2) : new QueuedThreadPool();
      pool.setName("jetty");
      Server server = new Server(pool);
      ServerConnector connector = new ServerConnector(server, 1, 1);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler("/");
      JakartaWebSocketServletContainerInitializer.configure(context, null);
      context.addServletContainerInitializer(app);
      extra.forEach((path, servlet) -> {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, path);
      });
      server.setHandler(context);
      server.start();
      return new Running(connector.getLocalPort(), server::stop);
    }
  };

  /** The engine in this container through {@link SocketIoServlet#register}, as the binding contract starts it. */
  Started starter(EngineServer engine, List<HttpHandler> handlers) throws Exception {
    return starter(engine, handlers, Map.of(), 0);
  }

  /** {@link #starter(EngineServer, List)} beside {@code extra} servlets, with {@code maxThreads} (0: the default). */
  Started starter(EngineServer engine, List<HttpHandler> handlers, Map<String, HttpServlet> extra, int maxThreads)
      throws Exception {
    AtomicReference<SocketIoServlet> servlet = new AtomicReference<>();
    Running running = start((classes, context) -> servlet.set(SocketIoServlet.register(context, engine, handlers)),
        extra, maxThreads);
    return new Started(running, servlet.get());
  }

  /** Starts the container with {@code app} initializing its only context ({@code maxThreads} 0: the default). */
  abstract Running start(ServletContainerInitializer app, Map<String, HttpServlet> extra, int maxThreads)
      throws Exception;

  /** A started container. */
  record Running(int port, Stop stop) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      stop.stop();
    }
  }

  /** The engine's servlet in a started container. */
  record Started(Running running, SocketIoServlet servlet) implements BindingStarter.Running {
    @Override
    public int port() {
      return running.port();
    }

    @Override
    public void close() throws Exception {
      running.close();
    }
  }

  /** Stops a container. */
  interface Stop {
    void stop() throws Exception;
  }
}
