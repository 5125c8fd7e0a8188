package store

import (
	"net/http"
	"regexp"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
)

type Handler struct {
	orders *mongo.Collection
}

func (h *Handler) ByOwner(w http.ResponseWriter, r *http.Request) {
	owner := r.FormValue("owner")
	// ruleid: go-taint-nosql-injection
	cur, err := h.orders.Find(r.Context(), bson.M{"$where": "this.owner == '" + owner + "'"})
	if err != nil {
		http.Error(w, "db error", http.StatusInternalServerError)
		return
	}
	defer cur.Close(r.Context())
	// ok: go-taint-nosql-injection
	cur2, _ := h.orders.Find(r.Context(), bson.M{"owner": owner})
	defer cur2.Close(r.Context())
}

func (h *Handler) Search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	// ruleid: go-taint-nosql-injection
	h.orders.Find(r.Context(), bson.M{"title": bson.M{"$regex": q}})
	// ok: go-taint-nosql-injection
	h.orders.Find(r.Context(), bson.M{"title": bson.M{"$regex": "^" + regexp.QuoteMeta(q)}})
	// ruleid: go-taint-nosql-injection
	h.orders.Find(r.Context(), bson.D{{"title", bson.D{{"$regex", q}}}})
}

func (h *Handler) Recent(w http.ResponseWriter, r *http.Request) {
	// ok: go-taint-nosql-injection
	h.orders.Find(r.Context(), bson.M{"$where": "this.total > 100"})
}
