package api

import (
	"net/http"

	"github.com/gorilla/handlers"
	"github.com/gorilla/mux"
	"github.com/rs/cors"
)

func NewRouter() http.Handler {
	r := mux.NewRouter()
	return handlers.CORS(
		// ruleid: go-cors-wildcard-with-credentials
		handlers.AllowedOrigins([]string{"*"}),
		handlers.AllowedMethods([]string{"GET", "POST"}),
		handlers.AllowCredentials(),
	)(r)
}

func NewCORS() *cors.Cors {
	return cors.New(cors.Options{
		AllowCredentials: true,
		// ruleid: go-cors-wildcard-with-credentials
		AllowOriginFunc: func(origin string) bool { return true },
	})
}

func NewCORSWildcard() *cors.Cors {
	return cors.New(cors.Options{
		// ruleid: go-cors-wildcard-with-credentials
		AllowedOrigins:   []string{"*"},
		AllowCredentials: true,
	})
}

func NewRouterSafe() http.Handler {
	r := mux.NewRouter()
	return handlers.CORS(
		// ok: go-cors-wildcard-with-credentials
		handlers.AllowedOrigins([]string{"https://app.example.com"}),
		handlers.AllowCredentials(),
	)(r)
}

func NewPublicCORS() *cors.Cors {
	return cors.New(cors.Options{
		// ok: go-cors-wildcard-with-credentials
		AllowedOrigins: []string{"*"},
		AllowedMethods: []string{http.MethodGet},
	})
}
