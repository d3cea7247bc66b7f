/**
 * The binding contract: what every transport binding (sio4j-netty, sio4j-servlet in Tomcat and Jetty) must do for the
 * engine, as abstract test classes ({@code *Contract}) over a real server on a free port and raw HTTP and WebSocket
 * clients. A binding module subclasses each with its {@link dev.sio4j.engine.binding.BindingStarter} (shipped in
 * sio4j-server's test-jar).
 */
package dev.sio4j.engine.binding;
