@RestController
class PayoutController {
    @PreAuthorize("hasRole('FINANCE')")
    @PostMapping("/payouts/{id}/approve")
    ResponseEntity<Void> approve(@PathVariable long id) {
        payouts.approve(id);
        return ResponseEntity.ok().build();
    }

    @Secured("ROLE_ADMIN")
    @DeleteMapping("/payouts/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        payouts.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/payouts")
    List<Payout> list() {
        return payouts.all();
    }
}
