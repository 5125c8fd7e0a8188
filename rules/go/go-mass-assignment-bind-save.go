package api

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type User struct {
	ID    uint
	Name  string
	Email string
	Role  string
}

type UpdateProfile struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type Handler struct{ db *gorm.DB }

func (h *Handler) Register(c *gin.Context) {
	var user User
	if err := c.ShouldBindJSON(&user); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	// ruleid: go-mass-assignment-bind-save
	h.db.Create(&user)
	c.JSON(http.StatusCreated, user)
}

func (h *Handler) UpdateProfile(c *gin.Context) {
	var in UpdateProfile
	if err := c.ShouldBindJSON(&in); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	var user User
	h.db.First(&user, c.GetUint("uid"))
	user.Name, user.Email = in.Name, in.Email
	// ok: go-mass-assignment-bind-save
	h.db.Save(&user)
}

func (h *Handler) Patch(w http.ResponseWriter, r *http.Request) {
	var user User
	if err := json.NewDecoder(r.Body).Decode(&user); err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	// ruleid: go-mass-assignment-bind-save
	h.db.Save(&user)
}

func (h *Handler) PatchSelected(w http.ResponseWriter, r *http.Request) {
	var user User
	if err := json.NewDecoder(r.Body).Decode(&user); err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	// ok: go-mass-assignment-bind-save
	h.db.Model(&User{ID: 7}).Select("Name", "Email").Updates(&user)
}
