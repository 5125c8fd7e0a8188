package main

import (
	"os"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

func ginServer() *gin.Engine {
	// ruleid: go-framework-debug-mode
	gin.SetMode(gin.DebugMode)
	// ok: go-framework-debug-mode
	gin.SetMode(gin.ReleaseMode)
	return gin.New()
}

func echoServer() *echo.Echo {
	e := echo.New()
	// ruleid: go-framework-debug-mode
	e.Debug = true
	// ok: go-framework-debug-mode
	e.Debug = os.Getenv("APP_ENV") == "dev"
	return e
}
