/** Serving sio4j from an embedded Servlet container (Tomcat, Jetty) instead of the embedded Netty server. */
package dev.sio4j.examples.servlet;
