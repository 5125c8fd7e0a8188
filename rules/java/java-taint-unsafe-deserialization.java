package com.example.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.thoughtworks.xstream.XStream;
import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.Base64;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SessionImportController {
    private final ObjectMapper mapper = new ObjectMapper();
    private final XStream xstream = new XStream();

    public Object importCart(HttpServletRequest request) throws IOException, ClassNotFoundException {
        // ruleid: java-taint-unsafe-deserialization
        ObjectInputStream in = new ObjectInputStream(request.getInputStream());
        return in.readObject();
    }

    public CartDto importCartJson(HttpServletRequest request) throws IOException {
        // ok: java-taint-unsafe-deserialization
        return mapper.readValue(request.getInputStream(), CartDto.class);
    }

    public Object restore(HttpServletRequest request) throws IOException, ClassNotFoundException {
        String token = request.getParameter("state");
        byte[] raw = Base64.getDecoder().decode(token);
        // ruleid: java-taint-unsafe-deserialization
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw));
        return in.readObject();
    }

    private Object decodeSettings(InputStream body) {
        // ruleid: java-taint-unsafe-deserialization
        XMLDecoder decoder = new XMLDecoder(body);
        return decoder.readObject();
    }

    public Object settings(HttpServletRequest request) throws IOException {
        return decodeSettings(request.getInputStream());
    }

    @PostMapping("/import/xml")
    public Object importXml(@RequestBody String xml) {
        // ruleid: java-taint-unsafe-deserialization
        return xstream.fromXML(xml);
    }

    @PostMapping("/import/json")
    public OrderDto importJson(@RequestBody String json) throws IOException {
        // ok: java-taint-unsafe-deserialization
        return mapper.readValue(json, OrderDto.class);
    }

    public Object defaults() throws IOException, ClassNotFoundException {
        // ok: java-taint-unsafe-deserialization
        ObjectInputStream in = new ObjectInputStream(getClass().getResourceAsStream("/defaults.ser"));
        return in.readObject();
    }

    record CartDto(String id) {}
    record OrderDto(String id) {}
}
