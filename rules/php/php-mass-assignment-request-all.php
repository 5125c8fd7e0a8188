<?php

use App\Models\User;
use Illuminate\Http\Request;

class UserController
{
    public function store(Request $request)
    {
        // ruleid: php-mass-assignment-request-all
        return User::create($request->all());
    }

    public function update(Request $request, User $user)
    {
        // ruleid: php-mass-assignment-request-all
        $user->fill($request->all())->save();
        // ok: php-mass-assignment-request-all
        $user->update($request->only(['name', 'email']));
        // ok: php-mass-assignment-request-all
        $user->update($request->validated());
    }
}

class Account extends Model
{
    // ruleid: php-mass-assignment-request-all
    protected $guarded = [];
    // ok: php-mass-assignment-request-all
    protected $fillable = ['name'];
}
