import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.net.Socket;
import javax.servlet.http.HttpServletRequest;

public class SessionImporter {
    public Object importSession(HttpServletRequest request) throws IOException, ClassNotFoundException {
        ObjectInputStream in = new ObjectInputStream(request.getInputStream());
        // ruleid: java-objectinputstream-deserialization
        Object session = in.readObject();
        in.close();
        return session;
    }

    public Object fromBytes(byte[] data) throws IOException, ClassNotFoundException {
        // ruleid: java-objectinputstream-deserialization
        return new ObjectInputStream(new ByteArrayInputStream(data)).readObject();
    }

    public Object receive(Socket socket) throws IOException, ClassNotFoundException {
        try (ObjectInputStream ois = new ObjectInputStream(socket.getInputStream())) {
            // ruleid: java-objectinputstream-deserialization
            return ois.readUnshared();
        }
    }

    public Object readConfig(java.io.ObjectInput input) throws IOException, ClassNotFoundException {
        // ok: java-objectinputstream-deserialization
        return input.readObject();
    }
}

class FilteredImporter {
    public Object importSession(InputStream body) throws IOException, ClassNotFoundException {
        try (ObjectInputStream ois = new ObjectInputStream(body)) {
            ois.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter("com.example.dto.*;java.base/*;!*"));
            // ok: java-objectinputstream-deserialization
            return ois.readObject();
        }
    }
}

class Money implements java.io.Serializable {
    private long cents;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        // ok: java-objectinputstream-deserialization
        in.defaultReadObject();
        if (cents < 0) {
            throw new java.io.InvalidObjectException("negative");
        }
    }
}
