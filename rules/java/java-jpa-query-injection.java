import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.Query;
import javax.persistence.TypedQuery;

public class OrderDao {
    private final EntityManager em;

    public OrderDao(EntityManager em) {
        this.em = em;
    }

    public List<Order> byCustomer(String customer) {
        // ruleid: java-jpa-query-injection
        TypedQuery<Order> q = em.createQuery("SELECT o FROM Order o WHERE o.customer = '" + customer + "'", Order.class);
        return q.getResultList();
    }

    public int cancel(String status) {
        String sql = "UPDATE orders SET state = 'CANCELLED' WHERE state = '" + status + "'";
        // ruleid: java-jpa-query-injection
        return em.createNativeQuery(sql).executeUpdate();
    }

    public List<Order> sorted(String field) {
        // ruleid: java-jpa-query-injection
        return em.createQuery(String.format("FROM Order o ORDER BY o.%s", field), Order.class).getResultList();
    }

    public List<Order> byCustomerSafely(String customer) {
        // ok: java-jpa-query-injection
        TypedQuery<Order> q = em.createQuery("SELECT o FROM Order o WHERE o.customer = :c", Order.class);
        return q.setParameter("c", customer).getResultList();
    }

    public int cancelSafely(String status) {
        // ok: java-jpa-query-injection
        Query q = em.createNativeQuery("UPDATE orders SET state = 'CANCELLED' WHERE state = ?1");
        return q.setParameter(1, status).executeUpdate();
    }
}
