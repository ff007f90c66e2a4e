// Every rollup rule, registered by importing its module: what a rebuild from the records needs
// (a cloud function bundle carries only the rules of the records it writes).
import './orders/order.rollup';
import './service/service.rollup';
import './councils/council.rollup';
import './compounds/survey.rollup';
