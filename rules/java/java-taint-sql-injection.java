import javax.servlet.http.HttpServletRequest;

class Orders {
    void list(HttpServletRequest request, Statement st) throws Exception {
        String status = request.getParameter("status");
        // ruleid: java-taint-sql-injection
        st.executeQuery("SELECT * FROM orders WHERE status = '" + status + "'");
    }

    @GetMapping("/orders")
    List<Order> sorted(@RequestParam String sort, EntityManager em) {
        String jpql = "SELECT o FROM Order o ORDER BY o." + sort;
        // ruleid: java-taint-sql-injection
        return em.createQuery(jpql, Order.class).getResultList();
    }

    void bound(HttpServletRequest request, Connection c) throws Exception {
        PreparedStatement ps = c.prepareStatement("SELECT * FROM orders WHERE status = ?");
        ps.setString(1, request.getParameter("status"));
        // ok: java-taint-sql-injection
        ps.executeQuery();
    }

    void numeric(HttpServletRequest request, Statement st) throws Exception {
        int id = Integer.parseInt(request.getParameter("id"));
        // ok: java-taint-sql-injection
        st.executeQuery("SELECT * FROM orders WHERE id = " + id);
    }
}
