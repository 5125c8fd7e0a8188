import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;

public class JsonConfig {
    public ObjectMapper legacy() {
        ObjectMapper mapper = new ObjectMapper();
        // ruleid: java-jackson-polymorphic-typing
        mapper.enableDefaultTyping();
        return mapper;
    }

    public ObjectMapper permissive() {
        ObjectMapper mapper = new ObjectMapper();
        // ruleid: java-jackson-polymorphic-typing
        mapper.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
        return mapper;
    }

    public ObjectMapper anything() {
        // ruleid: java-jackson-polymorphic-typing
        BasicPolymorphicTypeValidator ptv = BasicPolymorphicTypeValidator.builder()
                .allowIfBaseType(Object.class)
                .build();
        return new ObjectMapper().activateDefaultTyping(ptv, ObjectMapper.DefaultTyping.NON_FINAL);
    }

    public ObjectMapper restricted() {
        // ok: java-jackson-polymorphic-typing
        BasicPolymorphicTypeValidator ptv = BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("com.example.model.")
                .build();
        // ok: java-jackson-polymorphic-typing
        return new ObjectMapper().activateDefaultTyping(ptv, ObjectMapper.DefaultTyping.NON_FINAL);
    }
}

class Envelope {
    // ruleid: java-jackson-polymorphic-typing
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY)
    public Object payload;

    // ok: java-jackson-polymorphic-typing
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Card.class, name = "card")})
    public PaymentMethod method;
}
