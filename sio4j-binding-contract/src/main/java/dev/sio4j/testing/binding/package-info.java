/**
 * The binding contract: what every transport binding (sio4j-netty, sio4j-servlet in Tomcat and Jetty) must do for the
 * engine, as abstract test classes ({@code *Contract}) over a real server on a free port and raw HTTP and WebSocket
 * clients. A binding module subclasses each with its {@link dev.sio4j.testing.binding.BindingStarter} (this module,
 * sio4j-binding-contract, a test dependency).
 */
package dev.sio4j.testing.binding;
